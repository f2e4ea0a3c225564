/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A box around a list that is one Tab stop: Tab enters the list (at its row with the focus)
 * and leaves it; the arrows move within it. GTK 4.8's lists take Tab from row to row. */
#define PB_TYPE_FOCUS_GROUP (pb_focus_group_get_type ())
G_DECLARE_FINAL_TYPE (PbFocusGroup, pb_focus_group, PB, FOCUS_GROUP, GtkBox)

G_END_DECLS
