// @opskit/websvn-authz public API.
