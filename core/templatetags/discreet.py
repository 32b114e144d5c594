from django import template
from django.conf import settings
from django.utils.html import format_html

from core import discreet

register = template.Library()


class PageTitleNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        if request is not None and discreet.is_on(request):
            # The page's own title block is never rendered, so no page can leak a title or name.
            title = discreet.section_name(request)
        else:
            # Already escaped (a SafeString), like any other block.
            title = self.nodelist.render(context)
        if not title.strip():
            return format_html("{}", settings.SITE_NAME)
        return format_html("{} · {}", title, settings.SITE_NAME)


@register.tag
def page_title(parser, token):
    """The text of ``<title>``: the page's title block, or in discreet mode only the name of
    its section (Forum, Library, Chat...), followed by the site name."""
    nodelist = parser.parse(("endpage_title",))
    parser.delete_first_token()
    return PageTitleNode(nodelist)


@register.simple_tag(takes_context=True)
def discreet_mode(context) -> bool:
    """``{% discreet_mode as discreet %}``: whether the page is shown in discreet mode."""
    request = context.get("request")
    return request is None or discreet.is_on(request)
