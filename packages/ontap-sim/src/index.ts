// @opskit/ontap-sim public API.
