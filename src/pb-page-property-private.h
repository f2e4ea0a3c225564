/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pb-page-property.h"

G_BEGIN_DECLS

/* pb-page-property-layout.c: the layouts of a row's parts. */

/* For the code block: its natural height is its minimum (a list gives rows their minimum
 * height), and it measures again when its width changes. */
GtkLayoutManager *_pb_page_property_code_layout_new (void);
/* For the row's box of icon, value and buttons: the buttons and icon at their natural width,
 * the value (the child that expands) the rest. */
GtkLayoutManager *_pb_page_property_row_layout_new  (void);

G_END_DECLS
