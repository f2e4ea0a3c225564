/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pb-types.h"

G_BEGIN_DECLS

/* What a test of a connection will make Sitecore Personalize send (method, URL, headers,
 * body; secrets masked unless "reveal-secrets"), the placeholders with editable values (the
 * input mappings' example values at first), a switch "Fill In Example Values", and Cancel
 * (window.close) and Send Test (test.send) buttons. Its copy button activates test.copy-curl.
 * The page of the test dialog shown before a test that may change something. */
#define PB_TYPE_TEST_PREVIEW (pb_test_preview_get_type ())
G_DECLARE_FINAL_TYPE (PbTestPreview, pb_test_preview, PB, TEST_PREVIEW, AdwBin)

GtkWidget  *pb_test_preview_new             (PbConnection  *connection);
/* The values to fill the placeholders with: NULL while the switch is off; else each
 * placeholder whose value is not empty. */
GHashTable *pb_test_preview_dup_values      (PbTestPreview *self);
/* The request as a curl command, filled as shown, masked unless "reveal-secrets". */
char       *pb_test_preview_dup_curl        (PbTestPreview *self);
/* Whether what is shown would change with "reveal-secrets". */
gboolean    pb_test_preview_get_has_secrets (PbTestPreview *self);

/* A list row for a name and its value (a header, the method…): the name small above the value,
 * which wraps and can be selected; read by a screen reader as the name, then the value. */
GtkWidget  *pb_test_name_value_row_new      (const char    *name,
                                             const char    *value);

G_END_DECLS
