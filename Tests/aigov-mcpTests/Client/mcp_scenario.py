"""Drives aigov's MCP server with the official Python MCP client (PyPI `mcp`).

Reads a scenario as JSON on standard input:
  {"command": "path/to/aigov", "args": ["mcp", "--db", "x.sqlite"], "env": {...},
   "steps": [{"op": "list_tools"}, {"op": "call", "name": "...", "arguments": {...}}, ...]}
and prints, as JSON, one outcome per step: {"ok": <result as the protocol carries it>} or
{"error": {"kind": <exception class>, "code": <JSON-RPC code or null>, "message": "..."}}.

The client checks each tool's structured answer against the output schema the server declared;
an answer that does not match comes back as an error of kind RuntimeError. The Swift tests hold
the outcomes to what the inventory says.
"""

import asyncio
import json
import sys

from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client


def dump(result):
    return result.model_dump(mode="json", by_alias=True, exclude_none=True)


async def run_step(session, step):
    op = step["op"]
    if op == "list_tools":
        return dump(await session.list_tools())
    if op == "call":
        return dump(await session.call_tool(step["name"], step.get("arguments"), read_timeout_seconds=120))
    if op == "list_resources":
        params = None
        if "cursor" in step:
            from mcp_types import PaginatedRequestParams

            params = PaginatedRequestParams(cursor=step["cursor"])
        return dump(await session.list_resources(params=params))
    if op == "list_templates":
        return dump(await session.list_resource_templates())
    if op == "read":
        return dump(await session.read_resource(step["uri"]))
    if op == "list_prompts":
        return dump(await session.list_prompts())
    if op == "get_prompt":
        return dump(await session.get_prompt(step["name"], step.get("arguments")))
    raise ValueError(f"unknown step {op}")


async def main():
    scenario = json.load(sys.stdin)
    server = StdioServerParameters(
        command=scenario["command"], args=scenario["args"], env=scenario.get("env") or {}
    )
    outcomes = []
    async with stdio_client(server) as (read, write):
        async with ClientSession(read, write, read_timeout_seconds=120) as session:
            initialized = await session.initialize()
            outcomes.append({"ok": dump(initialized)})
            for step in scenario["steps"]:
                try:
                    outcomes.append({"ok": await run_step(session, step)})
                except Exception as error:  # the outcome is the test's to judge
                    detail = getattr(error, "error", None)
                    outcomes.append(
                        {
                            "error": {
                                "kind": type(error).__name__,
                                "code": getattr(detail, "code", None),
                                "message": getattr(detail, "message", None) or str(error),
                            }
                        }
                    )
    json.dump(outcomes, sys.stdout)


asyncio.run(main())
