"""PDF through WeasyPrint (the optional `pdf` extra): skipped when it is not installed."""

from __future__ import annotations

import pytest
from reports_workspace import NO_GIT, load, write_workspace

from pam.report.run import build, render_as

try:
    import weasyprint
except (ImportError, OSError) as exc:  # OSError: installed but its system libraries are missing
    pytest.skip(f"WeasyPrint not usable ({exc}): pip install 'pam[pdf]'", allow_module_level=True)


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    return load(write_workspace(tmp_path_factory.mktemp("ws")))


def test_public_pdf_is_deterministic(plan):
    data = build(plan, "public", commit=NO_GIT)
    pdf = render_as(data, "pdf", "ar")
    assert pdf.startswith(b"%PDF-")
    assert pdf == render_as(data, "pdf", "ar")  # same inputs, same bytes


def test_annual_pdf_pages_are_a4_and_sections_start_pages(plan):
    html = render_as(build(plan, "annual", commit=NO_GIT), "html", "ar")
    doc = weasyprint.HTML(string=html).render()
    for page in doc.pages:
        assert abs(page.width - 793.7) < 1 and abs(page.height - 1122.5) < 1  # A4 in CSS px
    assert len(doc.pages) >= 5  # title + the major sections each start a new page


def test_pdf_only_for_documents_meant_to_be_printed(plan):
    with pytest.raises(ValueError, match="PDF is made for"):
        render_as(build(plan, "steering", commit=NO_GIT), "pdf", "ar")
