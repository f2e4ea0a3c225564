/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pb-application.h"
#include "pb-compare.h"
#include "pb-connection-store.h"

G_BEGIN_DECLS

/* Compare Accounts…: the connections of two accounts side by side (pb-compare.h), and a
 * connection copied from the one to the other through the save flow (pb-save-flow.h: the
 * preview, the production guard, the conflict check and the target's history).
 *
 * The accounts it offers: in demo mode the two demo data sets ("Demo Staging", served by the
 * application's demo server, and "Demo Production", by a second one; production is marked as
 * a production tenant, so its guard shows); otherwise the saved accounts, each with a client
 * of its own (the account gives it its token), its offline copy and history under its id.
 * Each is loaded into a PbConnectionStore of its own, from the server (never an offline copy:
 * nothing masked is compared or copied).
 *
 * Its "subtitle" (read-only) is the target's name: where a copy goes, as the preview says. */
#define PB_TYPE_COMPARE_WINDOW (pb_compare_window_get_type ())
G_DECLARE_FINAL_TYPE (PbCompareWindow, pb_compare_window, PB, COMPARE_WINDOW, AdwWindow)

GtkWidget         *pb_compare_window_new          (PbApplication   *application);

/* What the window shows: "loading", "error" (a list could not be loaded; Retry), "same" (the
 * same account on both sides), "no-accounts" (fewer than two) or "compare". */
const char        *pb_compare_window_get_view     (PbCompareWindow *self);
/* Chooses the accounts by their place in the lists of the two pickers. */
void               pb_compare_window_set_accounts (PbCompareWindow *self,
                                                   guint            source,
                                                   guint            target);
/* The grouping shown, or NULL while none is. */
PbCompare         *pb_compare_window_get_compare  (PbCompareWindow *self);
PbConnectionStore *pb_compare_window_get_store    (PbCompareWindow *self,
                                                   gboolean         target);
/* The group whose connections the middle list shows, and the pair shown on the right. */
void               pb_compare_window_select_group (PbCompareWindow *self,
                                                   PbCompareGroup   group);
PbCompareGroup     pb_compare_window_get_group    (PbCompareWindow *self);
/* Selects the pair of the group shown whose name is `name`; FALSE when the list lacks it. */
gboolean           pb_compare_window_select_pair  (PbCompareWindow *self,
                                                   const char      *name);
PbComparePair     *pb_compare_window_get_pair     (PbCompareWindow *self);
/* Pair With…: pairs the connection shown, one only the source has, with the target's
 * connection of ref `ref` (one the target alone has, e.g. renamed there), and chooses the
 * pair once grouped again; FALSE when either is not what it must be. Unpair is the
 * "compare.unpair" action, History in <target> "compare.history". */
gboolean           pb_compare_window_pair_with    (PbCompareWindow *self,
                                                   const char      *ref);

/* Copy N (to the target): the connections chosen (a row's check box) that can be copied (only
 * in the source, or different). Chosen by the pair or single that holds them. N, and
 * pb_compare_window_get_n_checked(), count only what a batch copies: an OAuth one chosen is
 * left out (its client secret is a choice for it alone), said in the batch's preview and
 * report ("not copied"), first, and stays chosen. */
void               pb_compare_window_set_checked  (PbCompareWindow *self,
                                                   PbComparePair   *pair,
                                                   gboolean         checked);
guint              pb_compare_window_get_n_checked (PbCompareWindow *self);
/* What became of each connection of the last Copy N (translated sentences: those left out
 * first, then in the order written), or NULL before any. */
const char * const *pb_compare_window_get_batch_results (PbCompareWindow *self);

/* Import… (the "compare.import" action asks for the file): the connections of a file exported
 * by Plugboard (pb_compare_import_file_async()) become the source, offered in the source
 * picker after the accounts, and compared with the target. A file that cannot be read or is
 * not an export: said in a toast, nothing else changes. "importing" while it is read. */
void               pb_compare_window_import_file  (PbCompareWindow *self,
                                                   GFile           *file);
gboolean           pb_compare_window_get_importing (PbCompareWindow *self);

G_END_DECLS
