// @opskit/snapmirror-scheduler public API.
