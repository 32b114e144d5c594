"""How every form renders: one template for fields, labels, help and errors."""

from django.forms.renderers import DjangoTemplates


class HubFormRenderer(DjangoTemplates):
    form_template_name = "core/form.html"
