"""Choosing options in the resource form, where long lists are folded under a summary."""


def choose(page, option: str, *, exact: bool = False) -> None:
    """Tick ``option``, opening its folded list first as a person would."""
    box = page.get_by_label(option, exact=exact)
    folded = box.locator("xpath=ancestor::details[1]")
    if folded.count() and folded.get_attribute("open") is None:
        folded.locator("summary").click()
    box.check()
