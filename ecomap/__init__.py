"""ecomap: map a territory's cooperation ecosystem as a graph and find where it is fragile."""

from ecomap.errors import ConflictError, EcomapError, InputError, StoreError, StoreUnavailable
from ecomap.model import Actor, Ecosystem, Relation, Space, Stake

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "ConflictError",
    "EcomapError",
    "Ecosystem",
    "InputError",
    "Relation",
    "Space",
    "Stake",
    "StoreError",
    "StoreUnavailable",
]
