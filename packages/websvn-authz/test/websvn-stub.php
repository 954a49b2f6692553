<?php
// A minimal stand-in for WebSVN 2.8's configuration object (include/configclass.php), used because
// WebSVN is not packaged in Debian 12. It records the calls a config.php fragment makes and keeps
// the behaviour that matters here, as in WebSVN 2.8.8:
// - parentPath($path, $group, $pattern): a repository is a readable directory holding db/;
//   its display name is "group.name", its svnName (passed to svnauthz --repository) is its basename;
// - useAccessFile($file): the global access file; only the last one is kept; unreadable: die();
// - useAccessFile($file, 'group.repo'): findRepository() returns a string for an unknown name, so
//   calling ->useAccessFile() on it is a fatal error, exactly like WebSVN.
// Usage: php websvn-stub.php FRAGMENT.php   -> JSON {calls, global, repositories}

class Repository {
  public $authz = null;
  function __construct(public $name, public $svnName, public $path, public $group) {}
  function getDisplayName() { return $this->group !== null ? $this->group.'.'.$this->name : $this->name; }
  function useAccessFile($file) {
    if (!is_readable($file)) die('Unable to read access file "'.$file.'"');
    $this->authz = $file;
  }
}

class WebSvnConfig {
  public $calls = array();
  public $authz = null;
  public $parentPaths = array();
  public $repositories = array();
  public $svnAuthz = 'svnauthz accessof';

  function parentPath($path, $group = null, $pattern = false, $skipAlreadyAdded = true, $clientRootURL = '') {
    $this->calls[] = array('parentPath', $path, $group, $pattern);
    $this->parentPaths[] = array($path, $group, $pattern);
  }

  function setSvnAuthzCommandPath($path) {
    $this->calls[] = array('setSvnAuthzCommandPath', $path);
    $this->svnAuthz = rtrim($path, '/').'/svnauthz accessof';
  }

  function useAccessFile($file, $myrep = 0) {
    $this->calls[] = array('useAccessFile', $file, $myrep);
    if (empty($myrep)) {
      if (!is_readable($file)) die('Unable to read access file "'.$file.'"');
      $this->authz = $file;
    } else {
      $repo =& $this->findRepository($myrep);
      $repo->useAccessFile($file);
    }
  }

  private function scan($path, $group, $pattern) {
    $out = array();
    foreach (scandir($path) as $name) {
      $full = $path.'/'.$name;
      if ($name[0] == '.' || !is_dir($full) || !is_readable($full)) continue;
      if (!is_dir($full.'/db') || !is_readable($full.'/db')) continue;
      if ($pattern !== false && !preg_match($pattern, $name)) continue;
      $out[] = new Repository($name, $name, 'file://'.$full, $group);
    }
    return $out;
  }

  function getRepositories() {
    foreach ($this->parentPaths as list($path, $group, $pattern)) {
      foreach ($this->scan($path, $group, $pattern) as $repo) {
        $dup = false;
        foreach ($this->repositories as $known) if ($known->path == $repo->path) $dup = true;
        if (!$dup) $this->repositories[] = $repo;
      }
    }
    return $this->repositories;
  }

  function &findRepository($name) {
    foreach ($this->repositories as $i => $rep) {
      if (strcmp($rep->getDisplayName(), $name) == 0) { $r =& $this->repositories[$i]; return $r; }
    }
    foreach ($this->parentPaths as list($path, $group, $pattern)) {
      foreach ($this->scan($path, $group, $pattern) as $repo) {
        if ($repo->getDisplayName() === $name) { $this->repositories[] = $repo; return $repo; }
      }
    }
    $str = 'Unable to find repository "'.$name.'".';
    return $str;
  }
}

$config = new WebSvnConfig();
require $argv[1];
$repos = array();
foreach ($config->getRepositories() as $r) {
  $repos[] = array('display' => $r->getDisplayName(), 'svnName' => $r->svnName, 'path' => $r->path, 'accessFile' => $r->authz ?? $config->authz);
}
echo json_encode(array('calls' => $config->calls, 'global' => $config->authz, 'svnAuthz' => $config->svnAuthz, 'repositories' => $repos)), "\n";
