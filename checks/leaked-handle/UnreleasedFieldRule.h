//===--- UnreleasedFieldRule.h - resource-tidy ----------------------------===//
//
// A class that opens a handle into a private field in its constructor, and
// whose code closes it nowhere, not even in its destructor, leaks one handle
// with every object (Juliet CWE-775 variants 83 and 84). The rule only
// speaks when it sees every line that can touch the field: the field is
// private, the class has no friends and no member templates, and every
// member function it declares is defined in this translation unit. Any use
// of the field other than a store, a test, or an argument a known function
// only reads (`fprintf(data, ...)`) may hand it over, and the rule stays
// silent.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_UNRELEASEDFIELDRULE_H
#define RESOURCE_TIDY_UNRELEASEDFIELDRULE_H

#include "catalog/HandleFamilies.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::resource {

/// A handle field the constructor opens and nothing in the class closes.
struct UnreleasedField {
  const FieldDecl *Field;
  /// The acquisition in a constructor.
  const Expr *AcquiredAt;
};

/// The handle fields of \p Destructor's class that leak with every object.
llvm::SmallVector<UnreleasedField, 1>
findUnreleasedFields(const CXXDestructorDecl &Destructor,
                     const HandleCatalog &Catalog);

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_UNRELEASEDFIELDRULE_H
