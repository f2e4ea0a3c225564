/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A list of differences between two versions of a connection (PbDiffEntry of pb-diff.h), one
 * row each: what changed (its label), how (Added, Removed, Changed: a word and an icon, not a
 * colour alone) and the values, "old → new" for short ones (one under the other when the width
 * is short) and a line diff for long or multiline ones (monospace, each line marked "+" or "−",
 * long runs of unchanged lines folded). Masked values show as the entry has them ("••••••").
 * The preview of a write, the conflict view and History show it; so can Compare. */
#define PB_TYPE_DIFF_VIEW (pb_diff_view_get_type ())
G_DECLARE_FINAL_TYPE (PbDiffView, pb_diff_view, PB, DIFF_VIEW, AdwBin)

GtkWidget *pb_diff_view_new             (void);
/* Shows `entries` (a GPtrArray of PbDiffEntry, copied; NULL for none). */
void       pb_diff_view_set_entries     (PbDiffView *self,
                                         GPtrArray  *entries);
guint      pb_diff_view_get_n_entries   (PbDiffView *self);
/* What the list says when it has no entry ("No differences" unless set). */
void       pb_diff_view_set_placeholder (PbDiffView *self,
                                         const char *text);

G_END_DECLS
