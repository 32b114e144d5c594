"""Reads for moderators. Every inbox query goes through ``scope_for`` so a moderator scoped
to some countries never sees (or reaches by id) items from other countries."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.http import Http404

from accounts import permissions
from accounts.models import Role, Status, User
from core.pagination import KeysetPage, _after, decode_cursor, encode_cursor

from . import registry
from .models import AuditEntry, InboxAssignment, InboxNote, Report

# Applications and reports belong to moderation; apps add their own kinds (resources in review)
# through ``registry.register_inbox``.
APPLICATION, REPORT = "application", "report"
INBOX_ORDERING = ("priority", "waiting_since", "kind_order", "item_id")
HISTORY_LIMIT = 5


@dataclass(frozen=True)
class Scope:
    """The countries a moderator acts on; ``country_ids is None`` means everywhere."""

    country_ids: frozenset[int] | None

    @property
    def is_global(self) -> bool:
        return self.country_ids is None


def scope_for(moderator) -> Scope:
    if not permissions.can_moderate(moderator):
        return Scope(country_ids=frozenset())
    return Scope(country_ids=permissions.moderated_country_ids(moderator))


def audit_entries() -> QuerySet[AuditEntry]:
    return AuditEntry.objects.all()


def audit_entries_for(moderator) -> QuerySet[AuditEntry]:
    """The audit log a moderator reads: all of it for moderators of every country; for one
    scoped to countries, the entries about members of those countries and about content
    there (each registered kind's own scope rule), nothing else."""
    from django.db.models import CharField
    from django.db.models.functions import Cast

    scope = scope_for(moderator)
    if scope.is_global:
        return AuditEntry.objects.all()
    about = Q(target_user__country_id__in=scope.country_ids)
    for kind in registry.kinds():
        # target_id is text (any model's key); compare it as text on every database.
        in_scope = kind.in_countries(scope.country_ids).annotate(key=Cast("pk", CharField())).values("key")
        about |= Q(target_type=ContentType.objects.get_for_model(kind.model), target_id__in=in_scope)
    return AuditEntry.objects.filter(about)


def audit_filter_people(filterset, moderator) -> dict:
    """The moderator and the member the audit log is filtered by, by id, for the picker to
    show their names (one query, none without such a filter). A moderator scoped to countries
    is told the names of members of those countries and of staff only."""
    data = filterset.form.cleaned_data if filterset.is_bound and filterset.form.is_valid() else {}
    wanted = {field: int(data[field]) for field in ("moderator", "member") if data.get(field)}
    if not wanted:
        return {}
    people = User.objects.all()
    scope = scope_for(moderator)
    if not scope.is_global:
        people = people.filter(Q(country_id__in=scope.country_ids) | Q(role__in=(Role.MODERATOR, Role.ADMIN)))
    found = people.in_bulk(set(wanted.values()))
    return {field: found.get(pk) for field, pk in wanted.items()}


def inbox_kinds() -> tuple[str, ...]:
    return (APPLICATION, REPORT, *(kind.key for kind in registry.inbox_kinds()))


# The three kinds of inbox item, each already limited to the moderator's countries ---------


def application_domain_warnings(applicants) -> dict[int, str]:
    """Applicants whose email domain looks like a member organisation's (mixed scripts,
    punycode look-alikes), keyed by applicant id. One query for the members' domains."""
    from accounts.names import email_domain, email_domain_warning

    applicants = list(applicants)
    if not applicants:
        return {}
    known = {email_domain(email) for email in User.objects.active_members().values_list("email", flat=True)}
    warnings = {}
    for applicant in applicants:
        warning = email_domain_warning(email_domain(applicant.email), known)
        if warning:
            warnings[applicant.pk] = warning
    return warnings


def applications_for(moderator) -> QuerySet[User]:
    scope = scope_for(moderator)
    queryset = User.objects.filter(status=Status.PENDING, role=Role.APPLICANT)
    if not scope.is_global:
        queryset = queryset.filter(country_id__in=scope.country_ids)
    return queryset


def _report_scope(country_ids: frozenset[int]) -> Q:
    """Reports about items in the countries (each registered kind says which are) and about
    their members."""
    kinds = registry.kinds()
    types = ContentType.objects.get_for_models(User, *(kind.model for kind in kinds))
    condition = Q(content_type=types[User], object_id__in=User.objects.filter(country_id__in=country_ids).values("pk"))
    for kind in kinds:
        condition |= Q(content_type=types[kind.model], object_id__in=kind.in_countries(country_ids))
    return condition


def target_country_ids(target) -> set[int]:
    """The countries whose moderators look after ``target`` (the same rules as
    ``_report_scope``); empty when only global moderators do."""
    if isinstance(target, User):
        return {target.country_id} - {None}
    kind = registry.kind_of(target)
    return set(kind.countries_of(target)) if kind is not None else set()


def reports_for(moderator) -> QuerySet[Report]:
    scope = scope_for(moderator)
    queryset = Report.objects.filter(state=Report.State.OPEN)
    if not scope.is_global:
        queryset = queryset.filter(_report_scope(scope.country_ids))
    return queryset


def _pending_for(moderator, kind: registry.InboxKind) -> QuerySet:
    scope = scope_for(moderator)
    queryset = kind.pending()
    if not scope.is_global:
        moderated = registry.kind_of(kind.model)
        queryset = queryset.filter(pk__in=moderated.in_countries(scope.country_ids))
    return queryset


def inbox_queryset(moderator, kind: str) -> QuerySet:
    if kind == APPLICATION:
        return applications_for(moderator)
    if kind == REPORT:
        return reports_for(moderator)
    registered = registry.inbox_kind(kind)
    if registered is None:
        raise Http404
    return _pending_for(moderator, registered)


def _model(kind: str):
    if kind == APPLICATION:
        return User
    if kind == REPORT:
        return Report
    registered = registry.inbox_kind(kind)
    if registered is None:
        raise Http404
    return registered.model


def inbox_item_get(moderator, kind: str, pk: int):
    """The item if it waits in this moderator's inbox; 404 otherwise (also outside their
    countries: they may not know it exists)."""
    item = inbox_queryset(moderator, kind).filter(pk=pk).first()
    if item is None:
        raise Http404
    return item


def inbox_item_author(kind: str, item):
    """Who an inbox item is about: the applicant, the reported author, or the registered
    kind's author (a resource's submitter)."""
    if kind == APPLICATION:
        return item
    if kind == REPORT:
        return item.target_author
    registered = registry.inbox_kind(kind)
    return registered.author(item) if registered is not None else None


def in_scope(moderator, kind: str, pk: int) -> bool:
    """Whether the item lies in the moderator's countries, whatever its state."""
    scope = scope_for(moderator)
    if not permissions.can_moderate(moderator):
        return False
    if scope.is_global:
        return True
    if kind == APPLICATION:
        return User.objects.filter(pk=pk, country_id__in=scope.country_ids).exists()
    if kind == REPORT:
        return Report.objects.filter(_report_scope(scope.country_ids), pk=pk).exists()
    moderated = registry.kind_of(_model(kind))
    return moderated is not None and moderated.in_countries(scope.country_ids).filter(pk=pk).exists()


def item_content_type(kind: str) -> ContentType:
    return ContentType.objects.get_for_model(_model(kind))


# The inbox page ---------------------------------------------------------------------------


@dataclass
class InboxItem:
    kind: str
    obj: object
    author: User | None = None
    assignment: InboxAssignment | None = None
    notes: list = field(default_factory=list)
    earlier_reports: list = field(default_factory=list)
    earlier_actions: list = field(default_factory=list)

    @property
    def history_count(self) -> int:
        return len(self.earlier_reports) + len(self.earlier_actions)

    @property
    def is_urgent(self) -> bool:
        return self.kind == REPORT and self.obj.reason == Report.Reason.IDENTIFIES_SURVIVOR


def _keys(queryset: QuerySet, *, kind_order: int, waiting_since, priority) -> QuerySet:
    # Same annotations in the same order in every part, so the parts can be combined with UNION.
    return (
        queryset.order_by()
        .annotate(
            priority=priority,
            waiting_since=F(waiting_since) if isinstance(waiting_since, str) else waiting_since,
            kind_order=Value(kind_order, output_field=IntegerField()),
            item_id=F("pk"),
        )
        .values_list(*INBOX_ORDERING)
    )


def _assigned(queryset: QuerySet, kind: str, moderator, assignment: str) -> QuerySet:
    if assignment not in ("mine", "unassigned", "assigned"):
        return queryset
    rows = InboxAssignment.objects.filter(content_type=item_content_type(kind), object_id=OuterRef("pk"))
    if assignment == "mine":
        return queryset.filter(Exists(rows.filter(assignee=moderator)))
    if assignment == "assigned":
        return queryset.filter(Exists(rows))
    return queryset.exclude(Exists(rows))


def inbox_page(moderator, *, kinds=(), assignment: str = "", cursor: str | None = None, size: int = 30):
    """One page of everything waiting on this moderator: reports that identify a survivor
    first, then oldest first. One UNION query for the order, one query per kind for the
    rows, and a fixed number for assignments, notes and the authors' history. ``kinds``
    limits the page to some kinds; empty means all."""
    all_kinds = inbox_kinds()
    kinds = kinds or all_kinds
    values = decode_cursor(cursor, len(INBOX_ORDERING)) if cursor else None
    urgent = Case(
        When(reason=Report.Reason.IDENTIFIES_SURVIVOR, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    normal = Value(1, output_field=IntegerField())
    parts = {
        APPLICATION: _keys(applications_for(moderator), kind_order=0, waiting_since="date_joined", priority=normal),
        REPORT: _keys(reports_for(moderator), kind_order=1, waiting_since="created_at", priority=urgent),
    }
    for registered in registry.inbox_kinds():
        parts[registered.key] = _keys(
            _pending_for(moderator, registered),
            kind_order=all_kinds.index(registered.key),
            waiting_since=registered.waiting_since,
            priority=normal,
        )
    chosen = []
    for kind in all_kinds:
        if kind not in kinds:
            continue
        part = _assigned(parts[kind], kind, moderator, assignment)
        if values is not None:
            part = part.filter(_after(INBOX_ORDERING, values))
        chosen.append(part.order_by())
    if not chosen:
        return KeysetPage(items=[], next_cursor=None, has_previous=False)
    combined = chosen[0].union(*chosen[1:], all=True) if len(chosen) > 1 else chosen[0]
    rows = list(combined.order_by(*INBOX_ORDERING)[: size + 1])
    keys, next_cursor = rows[:size], None
    if len(rows) > size:
        next_cursor = encode_cursor(list(keys[-1]))
    items = _hydrate([(all_kinds[kind_order], item_id) for _p, _w, kind_order, item_id in keys])
    return KeysetPage(items=items, next_cursor=next_cursor, has_previous=values is not None)


def _hydrate(keys: list[tuple[str, int]]) -> list[InboxItem]:
    wanted = defaultdict(list)
    for kind, pk in keys:
        wanted[kind].append(pk)
    loaded = {}
    if wanted[APPLICATION]:
        loaded[APPLICATION] = User.objects.select_related("country").in_bulk(wanted[APPLICATION])
    if wanted[REPORT]:
        loaded[REPORT] = Report.objects.select_related("reporter", "target_author", "content_type").in_bulk(
            wanted[REPORT]
        )
    for registered in registry.inbox_kinds():
        if wanted[registered.key]:
            rows = registered.model._default_manager.select_related(*registered.select_related)
            loaded[registered.key] = rows.in_bulk(wanted[registered.key])
    items = []
    for kind, pk in keys:
        obj = loaded[kind].get(pk)
        if obj is None:  # handled between the two queries
            continue
        if kind == APPLICATION:
            author = obj
        elif kind == REPORT:
            author = obj.target_author
        else:
            author = registry.inbox_kind(kind).author(obj)
        items.append(InboxItem(kind=kind, obj=obj, author=author))
    if items:
        _attach_context(items)
    return items


def _attach_context(items: list[InboxItem]) -> None:
    types = {kind: item_content_type(kind).pk for kind in inbox_kinds()}
    by_key = {(types[item.kind], item.obj.pk): item for item in items}
    for assignment in InboxAssignment.objects.for_items(by_key).select_related("assignee"):
        by_key[(assignment.content_type_id, assignment.object_id)].assignment = assignment
    for note in InboxNote.objects.for_items(by_key):
        by_key[(note.content_type_id, note.object_id)].notes.append(note)

    author_ids = {item.author.pk for item in items if item.author is not None}
    if not author_ids:
        return
    shown = {item.obj.pk for item in items if item.kind == REPORT}
    # One bounded query each for all authors on the page; a very active author may leave
    # others with fewer lines, which the member page then completes.
    earlier_reports = defaultdict(list)
    for report in (
        Report.objects.filter(target_author_id__in=author_ids)
        .exclude(pk__in=shown)
        .only("pk", "created_at", "reason", "state", "target_author_id")
        .order_by("-created_at", "-id")[: HISTORY_LIMIT * len(author_ids)]
    ):
        earlier_reports[report.target_author_id].append(report)
    earlier_actions = defaultdict(list)
    for entry in AuditEntry.objects.filter(target_user_id__in=author_ids).order_by("-created_at", "-id")[
        : HISTORY_LIMIT * len(author_ids)
    ]:
        earlier_actions[entry.target_user_id].append(entry)
    for item in items:
        if item.author is not None:
            item.earlier_reports = earlier_reports[item.author.pk][:HISTORY_LIMIT]
            item.earlier_actions = earlier_actions[item.author.pk][:HISTORY_LIMIT]


def members_for(moderator) -> QuerySet[User]:
    """Members a moderator manages: in their countries, or everyone for global moderators."""
    from accounts.selectors import members_for_moderation

    scope = scope_for(moderator)
    queryset = members_for_moderation()
    if not scope.is_global:
        queryset = queryset.filter(country_id__in=scope.country_ids)
    return queryset
