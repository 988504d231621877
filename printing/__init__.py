"""Slip layout, ESC/POS output and Excel in/out. Never imports textual."""
