// Spec texts shared by the tests.
export const twoNodeYaml = `cluster: web
nodes:
  - name: alpha
    addresses: [192.168.10.7]
    netmask: 255.255.255.0
  - name: beta
    addresses: [192.168.10.8]
    netmask: 255.255.255.0
sbd:
  devices: [/dev/disk/by-id/scsi-SHARED-sbd]
resources:
  - id: clusterIP
    type: ip
    ip: 192.168.10.100
  - id: apache
    type: apache
colocation:
  - rsc: apache
    with: clusterIP
order:
  - first: clusterIP
    then: apache
`;

export const threeNodeYaml = `cluster: db
transport: udpu
netmask: 24
nodes:
  - { name: n1, addresses: [10.0.0.1] }
  - { name: n2, addresses: [10.0.0.2] }
  - { name: n3, addresses: [10.0.0.3] }
sbd:
  devices: [/dev/disk/by-id/a, /dev/disk/by-id/b, /dev/disk/by-id/c]
  watchdogTimeout: 10
  startMode: clean
resources:
  - { id: vip, type: ip, ip: 10.0.0.50 }
  - { id: data, type: filesystem, device: /dev/vg/data, directory: /srv/data, fstype: ext4 }
  - { id: db, type: systemd, unit: postgresql }
order:
  - { first: vip, then: data }
  - { first: data, then: db }
colocation:
  - { rsc: data, with: vip }
  - { rsc: db, with: data }
`;
