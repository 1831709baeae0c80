"""Showing text the dashboard did not write itself: as text, never as markup.

The helpers are shared with the client app (``clienttools.app_text``, which
states the rule); pages of the dashboard import them from here.
"""

from clienttools.app_text import escape_markdown, flash, show_flash, show_text

__all__ = ["escape_markdown", "flash", "show_flash", "show_text"]
