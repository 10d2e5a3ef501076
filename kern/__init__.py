"""The domain core every app builds on: the workflow engine (``workflow``), named domain
events (``gebeurtenissen``) and the one error path of the web pages (``web``).

No models and no imports of domain apps: ``kern`` sits below organisaties."""
