"""Everything that is not a widget: API client, cache, sync, session store, task runner."""
