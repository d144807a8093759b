"""What the OpenAPI document says about authentication and errors on the intake routes.

FastAPI derives the success responses from the routes; this adds the rest, so a
partner's generated client knows every answer it can get: the bearer scheme partner
API keys use (``Authorization: Bearer chk_…``), and each error status with the shape
of its body (``{"detail": "…"}``).
"""

from __future__ import annotations

from typing import Any

SCHEME = "partnerApiKey"
INTAKE_PREFIX = "/intake/v1/"
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "type": "object",
    "required": ["detail"],
    "properties": {"detail": {"type": "string", "description": "What was wrong and why."}},
}
# Why each status is answered, as the intake room's module docstring describes.
ERRORS: dict[str, str] = {
    "400": "The body is not UTF-8 or not valid JSON.",
    "401": "Missing, unknown, expired or revoked API key.",
    "403": "The API key is not scoped to this feed kind.",
    "404": "No such receipt for this partner.",
    "413": "The body or the batch is too large; split it.",
    "415": "The body is not application/json.",
    "422": 'The body is not shaped {"records": [...]}.',
    "429": "The partner's rate limit is exceeded; see Retry-After.",
    "503": "The store could not take the batch; nothing was written, retry.",
}
PUSH_ERRORS = ("400", "401", "403", "413", "415", "422", "429", "503")
READ_ERRORS = ("401", "404", "429")


def _response(status: str) -> dict[str, Any]:
    return {"description": ERRORS[status], "content": {"application/json": {"schema": PROBLEM_REF}}}


def declare_intake_security(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the bearer scheme and the error responses to every intake operation."""
    components = schema.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    components.setdefault("securitySchemes", {})[SCHEME] = {
        "type": "http",
        "scheme": "bearer",
        "description": "A partner API key (`chk_…`, from `cluehub partner add`); "
        "`X-API-Key: chk_…` is accepted too.",
    }
    for path, operations in schema.get("paths", {}).items():
        if not path.startswith(INTAKE_PREFIX):
            continue
        for method, operation in operations.items():
            operation["security"] = [{SCHEME: []}]
            responses = operation.setdefault("responses", {})
            for status in PUSH_ERRORS if method == "post" else READ_ERRORS:
                if status == "422" and "422" in responses:
                    continue  # FastAPI's own parameter validation answer stays as declared
                responses[status] = _response(status)
    return schema
