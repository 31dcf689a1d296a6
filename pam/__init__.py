"""pam: monitoring of a Moroccan commune's action program (PAC, برنامج عمل الجماعة)."""

__version__ = "0.1.0"
