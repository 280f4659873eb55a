# Builds the silo host. Used by docker-compose.yml.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/TalentFlow.Silo -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# pdftotext reads PDF uploads.
RUN apt-get update && apt-get install -y --no-install-recommends poppler-utils && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
# 8080 the HTTP API, 11111 silo to silo (Orleans), 30000 the gateway for cluster clients.
EXPOSE 8080 11111 30000
ENTRYPOINT ["dotnet", "TalentFlow.Silo.dll"]
