"""Domain schemas (`document.invoice`, ...) from the vlmrun-hub package, behind `skillkit[hub]`.

The hub holds each domain as a pydantic model; its JSON Schema is `model_json_schema()`.
Without the package installed, every domain lookup fails with a message naming the extra.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from skillkit import install_hint

HUB_EXTRA_HINT = f"domain schemas need vlmrun-hub: {install_hint('hub')}"


class HubUnavailable(Exception):
    """vlmrun-hub is not installed (or could not load its catalog)."""


class UnknownDomain(Exception):
    """The hub has no such domain."""


@dataclass(frozen=True)
class DomainSchema:
    domain: str
    description: str | None
    schema_version: str
    schema_hash: str
    json_schema: dict[str, Any]


@lru_cache(maxsize=1)
def _registry() -> Any:
    try:
        from vlmrun.hub.registry import registry
    except ImportError as exc:
        raise HubUnavailable(HUB_EXTRA_HINT) from exc
    try:  # the hub logs every catalog load at DEBUG to stderr through loguru
        from loguru import logger

        logger.disable("vlmrun.hub")
    except ImportError:  # pragma: no cover
        pass
    try:
        registry.list_schemas()
    except Exception as exc:  # a broken hub install: say so instead of a 500
        raise HubUnavailable(f"vlmrun-hub could not load its catalog: {exc}") from exc
    return registry


def hub_version() -> str:
    _registry()
    from vlmrun.hub.version import __version__

    return __version__


def list_domains() -> list[dict[str, Any]]:
    """Every domain with its description, supported inputs, tags and sample data."""
    registry = _registry()
    out = []
    for domain in registry.list_schemas():
        info = registry.get_domain_info(domain) or {}
        out.append({"domain": domain, **{k: v for k, v in info.items() if v is not None}})
    return out


@lru_cache(maxsize=64)
def _domain_schema(domain: str) -> DomainSchema:
    registry = _registry()
    if domain not in registry:
        known = ", ".join(registry.list_schemas())
        raise UnknownDomain(f"unknown domain {domain!r}; the hub knows: {known}")
    json_schema = registry[domain].model_json_schema()
    digest = hashlib.sha256(json.dumps(json_schema, sort_keys=True).encode()).hexdigest()[:8]
    info = registry.get_domain_info(domain) or {}
    return DomainSchema(
        domain=domain,
        description=info.get("description"),
        schema_version=hub_version(),
        schema_hash=digest,
        json_schema=json_schema,
    )


def domain_schema(domain: str) -> DomainSchema:
    """The domain's schema; raises HubUnavailable or UnknownDomain. Callers get a fresh copy."""
    found = _domain_schema(domain)
    return DomainSchema(
        domain=found.domain,
        description=found.description,
        schema_version=found.schema_version,
        schema_hash=found.schema_hash,
        json_schema=json.loads(json.dumps(found.json_schema)),
    )
