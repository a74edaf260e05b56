from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Section:
    """One headed part of the annual report, rendered by its own template."""

    id: str
    title: str
    template: str
    data: dict = field(default_factory=dict)
    level: int = 2
    children: list[tuple[str, str]] = field(default_factory=list)
