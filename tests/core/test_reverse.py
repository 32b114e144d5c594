import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from core.reverse import reverse_pk


@pytest.mark.parametrize(
    "name", ["forum:post", "forum:post_react", "forum:post_edit", "forum:reply", "members:detail", "resources:download"]
)
@pytest.mark.parametrize("pk", [1, 7, 918273645, 10**12])
def test_it_builds_what_reverse_builds(name, pk):
    assert reverse_pk(name, pk) == reverse(name, args=[pk])


def test_it_follows_the_script_prefix_of_a_subpath_deployment():
    try:
        set_script_prefix("/hub/")
        assert reverse_pk("forum:post", 5) == "/hub/forum/p/5/"
    finally:
        set_script_prefix("/")
    assert reverse_pk("forum:post", 5) == "/forum/p/5/"


def test_only_integer_ids_reach_the_address():
    with pytest.raises(ValueError):
        reverse_pk("forum:post", "5/../../admin")


def test_a_name_without_an_id_is_refused():
    with pytest.raises((ValueError, NoReverseMatch)):
        reverse_pk("forum:index", 1)
