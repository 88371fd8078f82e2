#ifndef CAIGOVSPAWN_H
#define CAIGOVSPAWN_H

#include <spawn.h>

/// posix_spawn_file_actions_addchdir_np, which glibc declares only under _GNU_SOURCE: the child
/// starts in `path`.
int aigov_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path);

#endif
