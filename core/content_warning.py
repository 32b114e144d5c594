"""A content warning is a short label shown before a post, a chat message or a resource
("describes sexual violence"); the content stays folded until the reader opens it. One length
everywhere it is typed, checked and stored, search and notifications included."""

CONTENT_WARNING_MAX_LENGTH = 120
