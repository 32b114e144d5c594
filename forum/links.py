"""The pages of other parts of the hub that a post links to, recorded when the post is written
(forum.models.PostLink), so that a resource's page finds the threads discussing it by index."""

import re

from .models import Post, PostLink

# kind -> the path of its page; a link may be relative or absolute, with anything after the id.
LINK_PATTERNS = {"resource": re.compile(r"/resources/(\d{1,12})/")}


def links_in(body: str) -> set[tuple[str, int]]:
    return {(kind, int(match)) for kind, pattern in LINK_PATTERNS.items() for match in pattern.findall(body or "")}


def post_links_record(post: Post, *, new: bool = False) -> None:
    """Make the post's recorded links those of its body (no query for a new post without any)."""
    if not new:
        PostLink.objects.filter(post=post).delete()
    found = links_in(post.body)
    if found:
        PostLink.objects.bulk_create([PostLink(post=post, kind=kind, object_id=pk) for kind, pk in sorted(found)])
