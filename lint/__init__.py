"""unionlint: editorial style and consistency linter for Chinese newsroom copy."""

__version__ = "0.1.0"
