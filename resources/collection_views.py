"""Pages of collections: the list, a collection, and (for experts and moderators) creating,
editing and ordering one. Every change is a POST form that works without JavaScript."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import discreet
from core.errors import add_service_error
from core.pagination import keyset_page
from core.text import without_direction_controls

from . import collections, permissions
from .collection_forms import CollectionAddForm, CollectionForm, CollectionTranslationForm
from .models import Resource


def _member_only(request) -> None:
    if not permissions.can_see_collections(request.user):
        raise PermissionDenied


def collection_list(request):
    _member_only(request)
    page = keyset_page(
        collections.collections_for(request.user), ordering=("-updated_at", "-id"), cursor=request.GET.get("after")
    )
    return render(
        request,
        "resources/collections/list.html",
        {"page": page, "can_curate": permissions.can_curate(request.user)},
    )


def collection_detail(request, pk, slug=None):
    _member_only(request)
    collection = collections.collection_for(request.user, pk)
    # Discreet mode keeps the title out of the address; otherwise the slugged one is canonical.
    if discreet.is_on(request):
        if slug is not None:
            return redirect(collection.get_absolute_url())
    elif slug != collection.slug:
        return redirect(collection.get_slugged_url())
    return render(
        request,
        "resources/collections/detail.html",
        {
            "collection": collection,
            # "Show original": the title and introduction as written, without the translation.
            "show_original": bool(request.GET.get("original")),
            "items": collection.shown_items,
            "can_edit": permissions.can_edit_collection(request.user, collection),
        },
    )


def collection_create(request):
    _member_only(request)
    if not permissions.can_curate(request.user):
        raise PermissionDenied
    form = CollectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        collection = collections.collection_create(actor=request.user, data=form.cleaned_data)
        messages.success(request, _("The collection is created. Now add resources to it."))
        return redirect("resources:collection_edit", collection.pk)
    return render(request, "resources/collections/form.html", {"form": form, "creating": True})


def collection_edit(request, pk):
    collection = collections.collection_for_editing(request.user, pk)
    form = CollectionForm(request.POST or None, instance=collection)
    if request.method == "POST" and form.is_valid():
        collections.collection_update(actor=request.user, collection=collection, data=form.cleaned_data)
        messages.success(request, _("Your changes are saved."))
        return redirect("resources:collection_edit", collection.pk)
    return _edit_page(request, collection, form=form, translation_notice=_translation_notice(request))


def _translation_notice(request) -> str:
    """The outcome of a translation's save or removal, said inside the translations section
    the page returns to (a message at the top would be scrolled out of sight)."""
    done = request.GET.get("translation", "")
    if done == "saved":
        return _("The translation is saved.")
    if done == "removed":
        return _("The translation is removed.")
    return ""


def _translation_forms(collection, refused=None) -> tuple[list, CollectionTranslationForm]:
    """A form for each translation (the refused one as it was sent) and one to add another."""
    refused_language = refused.language if refused is not None else None
    forms = []
    for translation in collections.translations_for_editing(collection):
        language = translation["language"]
        if language == refused_language:
            forms.append((translation, refused))
            continue
        initial = {"language": language, "title": translation["title"], "introduction": translation["introduction"]}
        forms.append(
            (translation, CollectionTranslationForm(collection=collection, language=language, initial=initial))
        )
    new = refused if refused is not None and not refused_language else CollectionTranslationForm(collection=collection)
    return forms, new


def _edit_page(
    request, collection, *, form=None, add_form=None, translation_form=None, translation_notice="", status=200
):
    translation_forms, new_translation_form = _translation_forms(collection, translation_form)
    return render(
        request,
        "resources/collections/form.html",
        {
            "form": form or CollectionForm(instance=collection),
            "add_form": add_form or CollectionAddForm(),
            "collection": collection,
            "items": collections.items_for_editing(collection),
            "translation_forms": translation_forms,
            "new_translation_form": new_translation_form,
            "translation_notice": translation_notice,
            "creating": False,
        },
        status=status,
    )


def _translations_anchor(collection, done: str = "") -> str:
    query = f"?translation={done}" if done else ""
    return reverse("resources:collection_edit", args=[collection.pk]) + query + "#translations"


@require_POST
def collection_translation(request, pk):
    """Save the title and introduction in one language, or remove that translation (the button
    pressed is ``action``)."""
    collection = collections.collection_for_editing(request.user, pk)
    language = request.POST.get("language", "").strip().lower()[:10]
    if request.POST.get("action") == "remove":
        try:
            collections.collection_translation_remove(actor=request.user, collection=collection, language=language)
        except ValidationError as error:
            add_service_error(request, error)
        else:
            return redirect(_translations_anchor(collection, "removed"))
        return redirect(_translations_anchor(collection))
    existing = language in (collection.translations or {})
    form = CollectionTranslationForm(request.POST, collection=collection, language=language if existing else "")
    if form.is_valid():
        try:
            collections.collection_translation_set(
                actor=request.user,
                collection=collection,
                language=form.cleaned_data["language"],
                title=form.cleaned_data["title"],
                introduction=form.cleaned_data["introduction"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect(_translations_anchor(collection, "saved"))
    return _edit_page(request, collection, translation_form=form, status=400)


@require_POST
def collection_add(request, pk):
    collection = collections.collection_for_editing(request.user, pk)
    form = CollectionAddForm(request.POST)
    if form.is_valid():
        resource = Resource.objects.filter(pk=form.cleaned_data["address"]).first()
        try:
            if resource is None:
                raise ValidationError(_("Only published resources of the library can be added."), code="unknown")
            collections.collection_add(actor=request.user, collection=collection, resource=resource)
        except ValidationError as error:
            add_service_error(form, error, field="address")
        else:
            messages.success(
                request, _("“%(title)s” is added.") % {"title": without_direction_controls(resource.title)}
            )
            return redirect("resources:collection_edit", collection.pk)
    # The address typed stays in the box with the reason it was refused.
    collection.refresh_from_db()
    return _edit_page(request, collection, add_form=form, status=400)


@require_POST
def collection_item(request, pk, item_id):
    """Move an item up or down, or remove it (the button pressed is ``action``)."""
    collection = collections.collection_for_editing(request.user, pk)
    action = request.POST.get("action", "")
    if action == "remove":
        collections.collection_remove(actor=request.user, collection=collection, item_id=item_id)
        messages.success(request, _("The resource is removed from the collection."))
    elif action in ("up", "down"):
        collections.collection_move(actor=request.user, collection=collection, item_id=item_id, direction=action)
    else:
        raise Http404
    return redirect(reverse("resources:collection_edit", args=[collection.pk]) + "#item-list")


@require_POST
def collection_delete(request, pk):
    collection = collections.collection_for_editing(request.user, pk)
    collections.collection_delete(actor=request.user, collection=collection)
    messages.success(request, _("The collection is deleted. Its resources stay in the library."))
    return redirect("resources:collections")
