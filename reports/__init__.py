"""PDF documents drawn with reportlab: session summary, homework handout, invitation.

Depends on ``securebase`` only; charts are drawn from analytics results with
reportlab's own graphics, and client text is escaped for paragraph markup.
"""
