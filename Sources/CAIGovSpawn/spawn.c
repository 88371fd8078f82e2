#define _GNU_SOURCE
#include <spawn.h>

#include "CAIGovSpawn.h"

int aigov_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
  return posix_spawn_file_actions_addchdir_np(actions, path);
}
