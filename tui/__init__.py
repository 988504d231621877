"""The Textual counter and the `yibao` command line."""
