from django import template

from resources import translation_upload

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_files_page(context, resource):
    """What the original's page says of its translated files for the reader: the languages
    the upload action may offer and the reader's files waiting for review (one query)."""
    request = context.get("request")
    if request is None or resource.state != "published":
        return {"languages": [], "pending": []}
    return translation_upload.original_page(request.user, resource)
