"""Project tools that are not part of the installed `corpus` package (the sample generator)."""
