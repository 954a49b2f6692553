// JSON Schema of the site file (YAML or JSON). Published as schema/site.schema.json (kept in step by a test).

const accessMap = {
  type: 'object',
  description:
    'Who gets what: keys are authz entries (user, @group, &alias, *, $authenticated, $anonymous, ~X), values r, rw or none',
  minProperties: 1,
  additionalProperties: { enum: ['r', 'rw', 'none'] },
} as const;

const rule = {
  type: 'object',
  additionalProperties: false,
  required: ['access'],
  properties: {
    repository: {
      type: 'string',
      pattern: '^[^/:\\[\\]\\s][^/:\\[\\]]*$',
      description:
        'Repository directory name; omitted: the rule applies to every repository of the parent path',
    },
    path: { type: 'string', default: '/', description: 'Path inside the repository, starting with /' },
    glob: { type: 'boolean', default: false, description: 'The path is a Subversion 1.10 wildcard (*, **)' },
    access: accessMap,
  },
} as const;

const parent = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'path', 'authzFile'],
  properties: {
    name: {
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$',
      description: 'Label; also the WebSVN group',
    },
    path: { type: 'string', pattern: '^/', description: 'SVNParentPath: directory holding the repositories' },
    location: {
      type: 'string',
      pattern: '^/[^\\s"]*$',
      description: 'URL path of the parent (default /<name>)',
    },
    authzFile: { type: 'string', pattern: '^/', description: 'The authz file written for this parent path' },
    repositories: {
      type: 'array',
      items: { type: 'string', pattern: '^[^/.\\s][^/]*$' },
      uniqueItems: true,
      description: 'Repositories; omitted: every directory of the parent path that holds a repository',
    },
    rules: { type: 'array', items: rule, default: [] },
    verbatim: { type: 'string', description: 'Hand-written authz sections appended as they are' },
  },
} as const;

/** Where and how users or groups are searched: base, filter, the attribute naming an entry, scope. */
function ldapSearch(filter: string, nameKey: 'loginAttribute' | 'nameAttribute', name: string) {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['base'],
    properties: {
      base: { type: 'string' },
      filter: { type: 'string', default: filter },
      [nameKey]: { type: 'string', default: name },
      scope: { enum: ['one', 'sub'], default: 'sub' },
    },
  } as const;
}

export const siteSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://opskit.dev/schema/websvn-authz/site.schema.json',
  title: 'websvn-authz site file',
  type: 'object',
  additionalProperties: false,
  required: ['ldap', 'parents'],
  properties: {
    lockFile: { type: 'string', default: '/run/lock/websvn-authz.lock' },
    ldap: {
      type: 'object',
      additionalProperties: false,
      required: ['url', 'users', 'groups'],
      properties: {
        url: {
          type: 'string',
          pattern: '^ldaps?://[^/?#\\s]+/?$',
          description: 'ldap://host[:port] or ldaps://host[:port]',
        },
        startTls: { type: 'boolean', default: false },
        caFile: { type: 'string', description: 'PEM file of the CA that signed the server certificate' },
        bindDn: { type: 'string', description: 'Bind DN; omitted: anonymous bind' },
        passwordFile: { type: 'string', description: 'File holding the bind password (mode 0600)' },
        passwordEnv: { type: 'string', description: 'Environment variable holding the bind password' },
        timeoutMs: { type: 'integer', minimum: 100, default: 15000 },
        pageSize: { type: 'integer', minimum: 1, maximum: 10000, default: 500 },
        rangeStep: {
          type: 'integer',
          minimum: 1,
          default: 1000,
          description: 'AD ranged member retrieval step',
        },
        maxNestingDepth: { type: 'integer', minimum: 0, maximum: 100, default: 10 },
        usernameCase: { enum: ['keep', 'lower', 'upper'], default: 'keep' },
        users: ldapSearch(
          '(|(objectClass=inetOrgPerson)(objectClass=posixAccount)(objectClass=user))',
          'loginAttribute',
          'uid',
        ),
        groups: ldapSearch(
          '(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames)(objectClass=posixGroup)(objectClass=group))',
          'nameAttribute',
          'cn',
        ),
      },
    },
    groups: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        all: {
          type: 'boolean',
          default: false,
          description: 'Every LDAP group found becomes an authz group',
        },
        include: {
          enum: ['referenced', 'all'],
          default: 'referenced',
          description: "Groups written into a parent's file: those its rules use, or all of them",
        },
        map: {
          type: 'array',
          default: [],
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['ldap'],
            properties: {
              ldap: { type: 'string', description: 'The group name (nameAttribute) or its full DN' },
              name: {
                type: 'string',
                pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]*$',
                description: 'authz group name',
              },
            },
          },
        },
        static: {
          type: 'object',
          default: {},
          propertyNames: { pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]*$' },
          additionalProperties: { type: 'array', items: { type: 'string' } },
          description: 'Groups defined here, not in LDAP: members are users, @group or &alias',
        },
      },
    },
    aliases: {
      type: 'object',
      default: {},
      propertyNames: { pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]*$' },
      additionalProperties: { type: 'string' },
    },
    guard: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        emptiedGroup: {
          enum: ['fail', 'warn'],
          default: 'fail',
          description: 'A group that had members in the live file and now has none',
        },
        maxRemovedPercent: {
          type: 'number',
          minimum: 0,
          maximum: 100,
          default: 100,
          description: 'Stop when more than this share of all group memberships would disappear',
        },
      },
    },
    parents: { type: 'array', minItems: 1, items: parent },
    apache: {
      type: 'object',
      additionalProperties: false,
      required: ['output'],
      properties: {
        output: { type: 'string', pattern: '^/' },
        authName: { type: 'string', default: 'Subversion' },
        listParentPath: { type: 'boolean', default: true },
        bindPasswordFile: {
          type: 'string',
          description: 'Read by Apache at start-up (default ldap.passwordFile)',
        },
        usernameCase: {
          enum: ['keep', 'lower', 'upper'],
          description: 'AuthzForceUsernameCase (default ldap.usernameCase)',
        },
        websvn: {
          type: 'object',
          additionalProperties: false,
          required: ['directory'],
          properties: {
            location: { type: 'string', pattern: '^/', default: '/websvn' },
            directory: { type: 'string', pattern: '^/' },
          },
        },
      },
    },
    websvn: {
      type: 'object',
      additionalProperties: false,
      required: ['output'],
      properties: {
        output: { type: 'string', pattern: '^/', description: 'The PHP fragment included from config.php' },
        denyAllFile: { type: 'string', pattern: '^/', description: 'Global access file denying everything' },
        svnauthzDir: { type: 'string', description: 'setSvnAuthzCommandPath (directory of svnauthz)' },
      },
    },
  },
} as const;
