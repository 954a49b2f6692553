// @opskit/stats-recorder public API.
