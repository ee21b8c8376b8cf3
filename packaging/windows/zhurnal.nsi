; The Windows installer of Zhurnal, built on Linux with NSIS (makensis):
;   bash packaging/windows/build.sh
; Installs zhurnal.exe for the current user (no administrator rights needed on a staff-room PC),
; with Start-menu and desktop shortcuts. The journal, backups and preferences live in the user's
; AppData (%APPDATA%\zhurnal\Zhurnal), which the uninstaller leaves alone: uninstalling the program
; never deletes a school's journal. It runs on 64-bit Windows 10 or later and refuses anything else
; (.onInit below) with a message saying so.
Unicode true
!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef EXE
  !define EXE "..\..\target\x86_64-pc-windows-gnu\release\zhurnal.exe"
!endif
!ifndef OUT
  !define OUT "..\..\target\windows\zhurnal-setup-${VERSION}.exe"
!endif

Name "Журнал (Zhurnal) ${VERSION}"
; What Explorer shows in the installer's properties.
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "Журнал (Zhurnal)"
VIAddVersionKey /LANG=0 "FileDescription" "Установка программы Журнал (Windows 10+, 64-bit)"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT licence; PT Sans font: ParaType Free Font License"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\Zhurnal"
RequestExecutionLevel user
SetCompressor /SOLID lzma
Icon "..\..\assets\icons\zhurnal.ico"
UninstallIcon "..\..\assets\icons\zhurnal.ico"

!include "MUI2.nsh"
!include "x64.nsh"
!include "WinVer.nsh"
!define MUI_ICON "..\..\assets\icons\zhurnal.ico"
!define MUI_UNICON "..\..\assets\icons\zhurnal.ico"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Russian"
!insertmacro MUI_LANGUAGE "English"

LangString NeedsWin10x64 ${LANG_RUSSIAN} "Журнал работает в 64-разрядной Windows 10 или новее. На этом компьютере его установить нельзя."
LangString NeedsWin10x64 ${LANG_ENGLISH} "Zhurnal runs on 64-bit Windows 10 or later. It cannot be installed on this computer."

Function .onInit
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "$(NeedsWin10x64)" /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

Section "Zhurnal"
  SetOutPath "$INSTDIR"
  File "${EXE}"
  File "..\..\assets\icons\zhurnal.ico"
  File /oname=README.md "..\..\README.md"
  File "..\..\assets\fonts\LICENSE-PTSans.txt"
  File /oname=LICENSE.txt "..\..\LICENSE"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateDirectory "$SMPROGRAMS\Журнал"
  CreateShortcut "$SMPROGRAMS\Журнал\Журнал.lnk" "$INSTDIR\zhurnal.exe" "" "$INSTDIR\zhurnal.ico"
  CreateShortcut "$SMPROGRAMS\Журнал\Удалить Журнал.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\Журнал.lnk" "$INSTDIR\zhurnal.exe" "" "$INSTDIR\zhurnal.ico"
  WriteRegStr HKCU "Software\Microsoft\Windows\CurrentVersion\Uninstall\Zhurnal" "DisplayName" "Журнал (Zhurnal)"
  WriteRegStr HKCU "Software\Microsoft\Windows\CurrentVersion\Uninstall\Zhurnal" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "Software\Microsoft\Windows\CurrentVersion\Uninstall\Zhurnal" "DisplayIcon" "$INSTDIR\zhurnal.ico"
  WriteRegStr HKCU "Software\Microsoft\Windows\CurrentVersion\Uninstall\Zhurnal" "UninstallString" "$\"$INSTDIR\uninstall.exe$\""
  WriteRegDWORD HKCU "Software\Microsoft\Windows\CurrentVersion\Uninstall\Zhurnal" "NoModify" 1
  WriteRegDWORD HKCU "Software\Microsoft\Windows\CurrentVersion\Uninstall\Zhurnal" "NoRepair" 1
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\zhurnal.exe"
  Delete "$INSTDIR\zhurnal.ico"
  Delete "$INSTDIR\README.md"
  Delete "$INSTDIR\LICENSE-PTSans.txt"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\Журнал\Журнал.lnk"
  Delete "$SMPROGRAMS\Журнал\Удалить Журнал.lnk"
  RMDir "$SMPROGRAMS\Журнал"
  Delete "$DESKTOP\Журнал.lnk"
  DeleteRegKey HKCU "Software\Microsoft\Windows\CurrentVersion\Uninstall\Zhurnal"
SectionEnd
