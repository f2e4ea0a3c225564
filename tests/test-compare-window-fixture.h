/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pb-application.h"
#include "pb-compare-window.h"
#include "pb-connection.h"
#include "pb-demo-server.h"

G_BEGIN_DECLS

/* The set-up the Compare window's test programs share (test-compare-window*.c): the
 * application in demo mode, an instance of its own, and the window of 1200 × 800 comparing
 * Demo Staging (source) with Demo Production (target). */

typedef struct
{
  PbApplication   *app;
  PbCompareWindow *window;
} Fixture;

#define fixture_add(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

void           fixture_set_up    (Fixture       *fixture,
                                  gconstpointer  data);
/* The window must be freed. */
void           fixture_tear_down (Fixture       *fixture,
                                  gconstpointer  data);

/* pb_test_wait_until() conditions on a PbCompareWindow: both lists compared; grouped and
 * not grouping again. */
gboolean       window_compares   (gpointer       data);
gboolean       compare_idle      (gpointer       data);
/* The count the sidebar shows next to a group ("only-in-source", "different"…). */
const char    *count_shown       (Fixture       *fixture,
                                  const char    *group);
PbDemoServer  *production_server (Fixture       *fixture);
/* The connection named `name` exactly in `list`, or NULL (transfer none). */
PbConnection  *find_in_list      (GListModel    *list,
                                  const char    *name);
/* Shows `group` and chooses the pair named `name` in it (fails when it is not there). */
void           select_pair       (Fixture       *fixture,
                                  PbCompareGroup group,
                                  const char    *name);

G_END_DECLS
