"""The generated demo county."""
