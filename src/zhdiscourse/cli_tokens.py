"""Commands of this area are registered here (to be filled in by the area's module)."""


def register(sub) -> None:
    return None
