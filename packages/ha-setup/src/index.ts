// @opskit/ha-setup public API.
