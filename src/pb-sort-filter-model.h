/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The items of a model that a filter keeps, in the order of a sorter, kept up to date a change
 * at a time: what the model adds is filtered and sorted on its own and merged into what is
 * there; a filter that says it became stricter (GTK_FILTER_CHANGE_MORE_STRICT) only looks at
 * the items it kept, one that became less strict only at those it hid. Each change is one
 * "items-changed" over the span of rows that differ.
 *
 * GtkSortListModel under a GtkFilterListModel does the same work over the whole list for each
 * batch the model adds: the sorted model reports every row from the first new one on as
 * changed, and the filter looks at all of them again.
 *
 * Items the sorter finds equal keep the model's order (when the model adds items between others,
 * those after the ones already there). Without a sorter, items keep the model's order; without
 * a filter, all are kept. */
#define PB_TYPE_SORT_FILTER_MODEL (pb_sort_filter_model_get_type ())
G_DECLARE_FINAL_TYPE (PbSortFilterModel, pb_sort_filter_model, PB, SORT_FILTER_MODEL, GObject)

PbSortFilterModel *pb_sort_filter_model_new         (GListModel        *model,
                                                     GtkFilter         *filter,
                                                     GtkSorter         *sorter);
GListModel        *pb_sort_filter_model_get_model   (PbSortFilterModel *self);
void               pb_sort_filter_model_set_model   (PbSortFilterModel *self,
                                                     GListModel        *model);
GtkFilter         *pb_sort_filter_model_get_filter  (PbSortFilterModel *self);
void               pb_sort_filter_model_set_filter  (PbSortFilterModel *self,
                                                     GtkFilter         *filter);
GtkSorter         *pb_sort_filter_model_get_sorter  (PbSortFilterModel *self);
void               pb_sort_filter_model_set_sorter  (PbSortFilterModel *self,
                                                     GtkSorter         *sorter);
/* Values of the items changed in place (the model did not say so): sorts and filters all of
 * them again. */
void               pb_sort_filter_model_refresh     (PbSortFilterModel *self);

G_END_DECLS
