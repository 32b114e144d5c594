"""Files members send: inspection by content and removal of identifying details
(``inspection``, ``cleaning``), the size limit while a file arrives (``uploads``), previews
(``thumbnails``) and serving behind an access check (``serving``). Features decide who may
send and see a file; this package decides what a file may be."""
