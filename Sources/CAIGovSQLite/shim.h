#ifndef CAIGOVSQLITE_SHIM_H
#define CAIGOVSQLITE_SHIM_H
#include <sqlite3.h>
#endif
