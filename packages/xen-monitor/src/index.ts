// @opskit/xen-monitor public API.
