"""PDF documents drawn with reportlab: session summary, homework handout, invitation.

Depends on ``securebase`` only; charts are drawn from analytics results with
reportlab's own graphics, and client text is escaped for paragraph markup.
"""

#: How many of the most distressing entries a summary prints by default (here, not in
#: ``reports.summary``, so the command line can name it without loading reportlab).
DEFAULT_ENTRIES = 5
