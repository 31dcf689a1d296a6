"""The public website of the program (pam site): pages' data (pages.py, pure), what stays
internal (public.py), rendering (render.py), the search index (search.py) and writing the
folder (write.py). Open data formats live in pam/export/."""
