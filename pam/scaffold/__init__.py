"""Texts of the files `pam init` writes into a commune's repository.

They are Python strings (not data files) so that every way of installing pam ships them.
Placeholders are written @NAME@ and filled by pam.init.fill(); nothing here is specific to
one commune.
"""
