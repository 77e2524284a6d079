//! `#[derive(ToPickle)]`: writes a core data type as the Python object UniFFI's generated
//! bindings would lift it to, so that a list page reaches Python as one pickle (see
//! `sinch_core::pickle`). Derived beside `uniffi::Record` / `uniffi::Enum` on the same type,
//! from the same fields, so no field list is kept by hand.
//!
//! A record becomes an instance of its generated class with one attribute per field, named as
//! in Rust (UniFFI keeps Rust's field names). An enum with data becomes an instance of the
//! nested variant class `Type.VARIANT` (UniFFI's Python name of the variant).

use proc_macro::TokenStream;
use quote::quote;
use syn::{parse_macro_input, Data, DeriveInput, Fields};

#[proc_macro_derive(ToPickle)]
pub fn derive_to_pickle(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand(&input) {
        Ok(tokens) => tokens.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn expand(input: &DeriveInput) -> syn::Result<proc_macro2::TokenStream> {
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let body = match &input.data {
        Data::Struct(data) => {
            let fields = named_fields(&data.fields, name)?;
            let write = write_object(&name.to_string(), &fields);
            quote! {
                let #name { #(#fields),* } = self;
                #write
            }
        }
        Data::Enum(data) => {
            if data
                .variants
                .iter()
                .all(|v| matches!(v.fields, Fields::Unit))
            {
                return Err(syn::Error::new_spanned(
                    name,
                    "ToPickle: enums without data lift to Python `enum.Enum` members, which \
                     this encoder does not write; make it an open enum (a `str`) or add data",
                ));
            }
            let mut arms = Vec::new();
            for variant in &data.variants {
                let ident = &variant.ident;
                let class = format!("{name}.{}", python_variant_name(&ident.to_string()));
                let fields = match &variant.fields {
                    Fields::Unit => Vec::new(),
                    other => named_fields(other, ident)?,
                };
                let write = write_object(&class, &fields);
                arms.push(quote! { Self::#ident { #(#fields),* } => { #write } });
            }
            quote! { match self { #(#arms)* } }
        }
        Data::Union(_) => return Err(syn::Error::new_spanned(name, "ToPickle: unions")),
    };
    Ok(quote! {
        impl #impl_generics crate::pickle::ToPickle for #name #ty_generics #where_clause {
            fn pickle(&self, w: &mut crate::pickle::PickleWriter) {
                #body
            }
        }
    })
}

fn named_fields(fields: &Fields, owner: &syn::Ident) -> syn::Result<Vec<syn::Ident>> {
    match fields {
        Fields::Named(named) => Ok(named
            .named
            .iter()
            .map(|f| f.ident.clone().expect("named fields have names"))
            .collect()),
        _ => Err(syn::Error::new_spanned(
            owner,
            "ToPickle: only named fields (UniFFI records and enum variants with named fields)",
        )),
    }
}

/// The class (memoized by the writer), then each field as an attribute of the same name.
fn write_object(class: &str, fields: &[syn::Ident]) -> proc_macro2::TokenStream {
    let names = fields
        .iter()
        .map(|f| f.to_string().trim_start_matches("r#").to_string());
    quote! {
        w.begin_object(#class);
        #(w.attr(#names, #fields);)*
        w.end_object();
    }
}

/// UniFFI's Python name of an enum variant class: `RequestContactInfo` → `REQUEST_CONTACT_INFO`.
fn python_variant_name(variant: &str) -> String {
    let chars: Vec<char> = variant.chars().collect();
    let mut out = String::with_capacity(variant.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() && i > 0 {
            let prev_lower = chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit();
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if prev_lower || (next_lower && chars[i - 1].is_uppercase()) {
                out.push('_');
            }
        }
        out.extend(c.to_uppercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::python_variant_name;

    #[test]
    fn variant_names_follow_uniffi() {
        assert_eq!(python_variant_name("Body"), "BODY");
        assert_eq!(
            python_variant_name("RequestContactInfo"),
            "REQUEST_CONTACT_INFO"
        );
        assert_eq!(python_variant_name("QuickReply"), "QUICK_REPLY");
        assert_eq!(python_variant_name("Url"), "URL");
        assert_eq!(python_variant_name("Otp"), "OTP");
    }
}
