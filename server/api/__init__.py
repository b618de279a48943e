"""HTTP routers of the platform, one module per area of docs/api.md."""
