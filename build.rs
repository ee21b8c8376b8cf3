//! On a Windows target only: gives zhurnal.exe its icon and version information (what Explorer
//! shows in the file's properties and the taskbar shows as its picture), compiled with mingw-w64's
//! windres from assets/icons/zhurnal.ico. Other targets build nothing here.
use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icons/zhurnal.ico");
    println!("cargo:rerun-if-env-changed=WINDRES");
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") != "windows" {
        return;
    }
    if var("CARGO_CFG_TARGET_ENV") != "gnu" {
        println!(
            "cargo:warning=zhurnal.exe is built without its icon: only the mingw-w64 (gnu) target compiles resources"
        );
        return;
    }
    let out = PathBuf::from(var("OUT_DIR"));
    let icon = PathBuf::from(var("CARGO_MANIFEST_DIR")).join("assets/icons/zhurnal.ico");
    let version = var("CARGO_PKG_VERSION");
    let mut parts: Vec<u32> = version
        .split(['.', '-'])
        .take(3)
        .map(|p| p.parse().unwrap_or(0))
        .collect();
    parts.resize(3, 0);
    let numeric = format!("{},{},{},0", parts[0], parts[1], parts[2]);
    let rc = format!(
        r#"#pragma code_page(65001)
1 ICON "{icon}"
1 VERSIONINFO
FILEVERSION {numeric}
PRODUCTVERSION {numeric}
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "041904B0"
    BEGIN
      VALUE "CompanyName", "Zhurnal developers"
      VALUE "FileDescription", "Журнал (Zhurnal): электронный классный журнал"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "zhurnal"
      VALUE "LegalCopyright", "MIT licence; PT Sans font: ParaType Free Font License"
      VALUE "OriginalFilename", "zhurnal.exe"
      VALUE "ProductName", "Журнал (Zhurnal)"
      VALUE "ProductVersion", "{version}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x419, 1200
  END
END
"#,
        icon = icon.display().to_string().replace('\\', "/"),
    );
    let rc_path = out.join("zhurnal.rc");
    std::fs::write(&rc_path, rc).expect("write zhurnal.rc");
    let obj = out.join("zhurnal-resources.o");
    let windres = std::env::var("WINDRES")
        .unwrap_or_else(|_| format!("{}-w64-mingw32-windres", var("CARGO_CFG_TARGET_ARCH")));
    let status = Command::new(&windres)
        .args(["-c", "65001", "--input"])
        .arg(&rc_path)
        .arg("--output")
        .arg(&obj)
        .args(["--output-format", "coff"])
        .status()
        .unwrap_or_else(|e| panic!("{windres} (from mingw-w64's binutils) could not run: {e}"));
    assert!(
        status.success(),
        "{windres} failed on {}",
        rc_path.display()
    );
    println!("cargo:rustc-link-arg-bins={}", obj.display());
}
