"""The Django admin is the product's own AdminSite, installed through its AdminConfig."""

from django.contrib import admin

from accounts.admin_site import HubAdminSite
from tests.factories import UserFactory


def test_the_admin_site_is_the_products_subclass():
    assert isinstance(admin.site, HubAdminSite)


def test_a_member_has_no_admin_permission(rf, db):
    request = rf.get("/admin/")
    request.user = UserFactory()
    assert not admin.site.has_permission(request)
